/**
 * Pretrained transformers as TensorFlow graphs that tuning methods modify and a trainer trains.
 *
 * <h2>Building a model</h2>
 * <pre>{@code
 * ModelConfig config = ModelConfigReader.read(checkpoint.resolve("config.json")); // bert, gpt2, llama, qwen2...
 * ModelOptions options = ModelOptions.fromConfig(conf.getConfig("model"), Head.classification(2), seed);
 * try (ModelGraph model = ModelBuilder.create(config, weightStore, options)
 *         .adapter("default", tuningMethod)          // zero or more; injected in this order
 *         .build()) {
 *     FloatTensor logits = model.evaluate(batch, model.logits());
 * }
 * }</pre>
 *
 * <h2>How methods get in</h2>
 * {@link dev.peft4j.core.model.ModelBuilder#build()} first declares every frozen weight as a variable (so
 * {@code ModelSurgery.linearLayers()} hands out real weight operands), then calls each method's {@code inject} with
 * its own {@code ModelSurgery}: hooks and virtual tokens are recorded, variables created. Only then is the forward
 * pass built, applying the recorded hooks where the layers are built. Each adapter has an on/off switch (a boolean
 * placeholder, default on) that gates its hooks with {@code Switch.choose(on, hooked, unhooked)} and masks its virtual
 * tokens; {@link dev.peft4j.core.model.ModelGraph#setActiveAdapters} sets what the next feeds switch on.
 *
 * <h2>Training</h2>
 * {@link dev.peft4j.core.model.ModelGraph#loss()}, {@link dev.peft4j.core.model.ModelGraph#trainables()} (head,
 * adapter variables, unfrozen base weights; never frozen ones), {@link dev.peft4j.core.model.ModelGraph#feed} and
 * {@link dev.peft4j.core.model.ModelGraph#training()}. Take gradients with {@code graph.addGradients(loss, vars)}:
 * {@code Optimizer.minimize} would also pick up the frozen variables.
 *
 * <h2>Weights</h2>
 * Frozen weights are variables assigned once from placeholders, in runs of {@code peft4j.model.weight-load-chunk-mb},
 * never graph constants; the session then holds the only copy. Names follow the Hugging Face task models
 * ({@code transformer.h.0.attn.c_attn.weight}, {@code bert.encoder.layer.0...}, {@code model.layers.0...},
 * {@code classifier.weight}, {@code score.weight}); checkpoints of bare base models load too.
 */
package dev.peft4j.core.model;

/**
 * Adapters in Hugging Face PEFT's folder layout, both ways, and merged models as full checkpoints.
 *
 * <h2>Save</h2>
 * <pre>{@code
 * AdapterWriter.save(model, "default", runDir.resolve("adapter"));
 * }</pre>
 * writes {@code adapter_config.json} (the method's {@code adapterConfig()} plus {@code task_type}, {@code
 * base_model_name_or_path}, {@code inference_mode: true}, {@code peft4j_version}, and a classification head in
 * {@code modules_to_save}; keys sorted as PEFT writes them) and {@code adapter_model.safetensors} (exactly
 * {@link dev.peft4j.core.model.ModelGraph#adapterTensors}: the method's tensors under the names it gave them, e.g.
 * {@code base_model.model.transformer.h.0.attn.c_attn.lora_A.weight}, and the head as
 * {@code base_model.model.score.weight}; F32; metadata {@code {"format": "pt"}}). The folder is written into a
 * temporary sibling and renamed into place; an existing folder is replaced only when it holds nothing but adapter
 * files.
 *
 * <h2>Load</h2>
 * <pre>{@code
 * AdapterReader reader = new AdapterReader(tuningMethodFactories, factory -> contextFor(factory));
 * SavedAdapter saved = reader.read(dir);          // config read, method rebuilt, safetensors header checked
 * ModelGraph model = SavedAdapter.build(builder, Map.of("default", saved)); // inject, build, restore tensors
 * }</pre>
 * The {@code peft_type} picks the installed method whose factory reads it; keys it does not know are the method's to
 * warn about. The head names PEFT lists in {@code modules_to_save} ({@code classifier}, {@code score}) are the host's:
 * the method never sees them, and the head is restored with the adapter's tensors. Restoring checks every tensor
 * before assigning any: a missing, extra, non-float or misshapen tensor is an error naming it and the file. F32, F16
 * and BF16 files load. Several saved adapters build into one model under their names; switch them with
 * {@link dev.peft4j.core.model.ModelGraph#setActiveAdapters}.
 *
 * <h2>Merge</h2>
 * {@link dev.peft4j.core.model.ModelGraph#merge} folds a mergeable adapter into the base weights (refusing NaN or Inf,
 * naming the weight); {@link dev.peft4j.core.adapter.MergedCheckpoint#write} then saves the model as a Hugging Face
 * checkpoint ({@code config.json} naming the task model, {@code model.safetensors}, the tokenizer files).
 *
 * <p>Combining several LoRA adapters into one (PEFT's {@code add_weighted_adapter}, linear or concatenated) is
 * LoRA-specific arithmetic on the factors and lives in the LoRA plugin ({@code LoraCombination}); the host has no
 * path to it because it never names a method's tensors.
 */
package dev.peft4j.core.adapter;

package dev.peft4j.plugins.lora.peft;

import dev.peft4j.core.safetensors.DType;
import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.core.safetensors.SafetensorsWriter;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes adapter folders byte for byte as Python PEFT's {@code save_pretrained} does (config keys of PEFT 0.13,
 * tensor names without the adapter name, {@code {"format": "pt"}}), from raw names, shapes and dtypes: nothing here
 * goes through peft4j's own writer.
 */
final class PeftFiles {

    private PeftFiles() {
    }

    /** A LoRA {@code adapter_config.json} as PEFT 0.13 writes it (sorted keys, indent 2). */
    static String loraConfig(String taskType, int r, int alpha, String targetModules, boolean fanInFanOut,
            String modulesToSave) {
        return """
                {
                  "alpha_pattern": {},
                  "auto_mapping": null,
                  "base_model_name_or_path": "some-user/tiny-model",
                  "bias": "none",
                  "fan_in_fan_out": %s,
                  "inference_mode": true,
                  "init_lora_weights": true,
                  "layer_replication": null,
                  "layers_pattern": null,
                  "layers_to_transform": null,
                  "loftq_config": {},
                  "lora_alpha": %d,
                  "lora_dropout": 0.05,
                  "megatron_config": null,
                  "megatron_core": "megatron.core",
                  "modules_to_save": %s,
                  "peft_type": "LORA",
                  "r": %d,
                  "rank_pattern": {},
                  "revision": null,
                  "target_modules": %s,
                  "task_type": "%s",
                  "use_dora": false,
                  "use_rslora": false
                }
                """.formatted(fanInFanOut, alpha, modulesToSave, r, targetModules, taskType);
    }

    /** Writes the folder; returns the tensors as stored (rounded to the dtype), for reference computations. */
    static Map<String, FloatTensor> write(Path dir, String config, Map<String, FloatTensor> tensors, DType dtype) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("adapter_config.json"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SafetensorsWriter writer = new SafetensorsWriter();
        tensors.forEach((name, t) -> writer.add(name, t, dtype));
        writer.write(dir.resolve("adapter_model.safetensors"));
        Map<String, FloatTensor> stored = new LinkedHashMap<>();
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
            file.names().forEach(n -> stored.put(n, file.readFloat(n)));
        }
        return stored;
    }

    static FloatTensor normal(Random random, double std, long... shape) {
        FloatTensor t = FloatTensor.zeros(shape);
        for (int i = 0; i < t.data().length; i++) {
            t.data()[i] = (float) (random.nextGaussian() * std);
        }
        return t;
    }

    /**
     * {@code weight + scaling · B·A} computed in double, for a weight stored [out, in] (nn.Linear) or, with
     * {@code fanInFanOut}, [in, out] (GPT-2's Conv1D).
     */
    static FloatTensor merged(FloatTensor weight, FloatTensor a, FloatTensor b, double scaling, boolean fanInFanOut) {
        int r = (int) a.dim(0);
        int in = (int) a.dim(1);
        int out = (int) b.dim(0);
        float[] w = weight.data().clone();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double delta = 0;
                for (int k = 0; k < r; k++) {
                    delta += (double) b.data()[o * r + k] * a.data()[k * in + i];
                }
                int index = fanInFanOut ? i * out + o : o * in + i;
                w[index] = (float) (w[index] + scaling * delta);
            }
        }
        return new FloatTensor(weight.shape(), w);
    }
}

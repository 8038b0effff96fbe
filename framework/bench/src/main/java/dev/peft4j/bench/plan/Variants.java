package dev.peft4j.bench.plan;

import dev.peft4j.bench.model.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine variants the harness can race. */
public final class Variants {

    /** Where Debian's libtcmalloc-minimal4 puts the allocator. */
    public static final Path DEFAULT_TCMALLOC = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");

    private static final List<String> ALLOCATOR_SWITCHES = List.of("LD_PRELOAD", "THP_MEM_ALLOC_ENABLE");
    private static final Set<Task> ALL_TASKS = EnumSet.allOf(Task.class);
    private static final Set<Task> GPT_TASKS = EnumSet.of(Task.LORA_TRAIN, Task.FULL_TRAIN, Task.INFERENCE);

    private Variants() {
    }

    public static Map<String, Variant> known(Path tcmalloc) {
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("peft4j", new Variant("peft4j", "peft4j", true, ALL_TASKS, Map.of(), ALLOCATOR_SWITCHES,
                "peft4j: ModelBuilder graph, the LoRA plugin's surgery (or full fine-tuning) and peft4j's AdamW step, "
                        + "on TensorFlow Java 1.1.0 (TF 2.18 natives, oneDNN)"));
        variants.put("tf-graph", new Variant("tf-graph", "tf", true, GPT_TASKS, Map.of(), ALLOCATOR_SWITCHES,
                "reference: a lean hand-written TensorFlow Java graph of the same GPT-2 step (fused ApplyAdam), "
                        + "the runtime under peft4j without peft4j's builder and trainer"));
        variants.put("torch-stock", new Variant("torch-stock", "torch", false, ALL_TASKS, Map.of(), ALLOCATOR_SWITCHES,
                "PyTorch 2.7.1 (libtorch CPU) through DJL 0.36, eager, default allocator"));
        variants.put("torch-tuned", new Variant("torch-tuned", "torch", false, ALL_TASKS,
                Map.of("THP_MEM_ALLOC_ENABLE", "1", "LD_PRELOAD", tcmalloc.toString()), List.of(),
                "PyTorch as torch-stock, with THP_MEM_ALLOC_ENABLE=1 and tcmalloc preloaded"));
        return variants;
    }

    /** The named variants, in the given order; fails naming unknown names and a missing tcmalloc. */
    public static List<Variant> select(List<String> names, Path tcmalloc) {
        Map<String, Variant> known = known(tcmalloc);
        List<Variant> chosen = new ArrayList<>();
        for (String name : names) {
            Variant v = known.get(name);
            if (v == null) {
                throw new IllegalArgumentException("unknown engine '" + name + "': choose from " + known.keySet());
            }
            if (v.environment().containsKey("LD_PRELOAD") && !Files.isReadable(tcmalloc)) {
                throw new IllegalArgumentException("engine '" + name + "' preloads tcmalloc but " + tcmalloc
                        + " does not exist: install it (apt-get install libtcmalloc-minimal4), pass --tcmalloc PATH,"
                        + " or leave " + name + " out of --engines");
            }
            chosen.add(v);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--engines is empty: name at least one of " + known.keySet());
        }
        return List.copyOf(chosen);
    }
}

package dev.peft4j.core.plugin;

import java.util.List;
import java.util.Optional;

/**
 * The packages the host shares with every plugin. Their classes come from the host (parent-first), so a plugin and the
 * host agree on the SPI types, TensorFlow's native library is loaded once per process, and there is one logging and one
 * config library. A plugin jar must not bundle them: it declares them {@code provided}.
 */
public final class SharedPackages {

    /** Package prefixes, each covering its sub-packages. */
    public static final List<String> PREFIXES = List.of(
            "dev.peft4j.spi",
            "org.tensorflow",
            "org.bytedeco",
            "com.google.protobuf",
            "com.typesafe.config",
            "com.google.inject",
            "jakarta.inject",
            "javax.inject",
            "org.slf4j",
            "org.pf4j");

    private SharedPackages() {
    }

    /** The shared prefix covering a binary class name: {@code org.tensorflow} for {@code org.tensorflow.Tensor}. */
    public static Optional<String> prefixOfClass(String className) {
        return PREFIXES.stream().filter(prefix -> className.startsWith(prefix + ".")).findFirst();
    }

    /** The shared prefix covering a resource path: {@code org.tensorflow} for {@code org/tensorflow/Tensor.class}. */
    public static Optional<String> prefixOfResource(String resourcePath) {
        return prefixOfClass(resourcePath.replace('/', '.'));
    }
}

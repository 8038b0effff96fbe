package dev.peft4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SharedPackagesTest {

    @Test
    void coversTheNamedPackagesAndTheirSubPackages() {
        assertThat(SharedPackages.prefixOfClass("dev.peft4j.spi.method.ModelSurgery")).contains("dev.peft4j.spi");
        assertThat(SharedPackages.prefixOfClass("org.tensorflow.ndarray.Shape")).contains("org.tensorflow");
        assertThat(SharedPackages.prefixOfClass("org.bytedeco.javacpp.Loader")).contains("org.bytedeco");
        assertThat(SharedPackages.prefixOfResource("com/typesafe/config/Config.class")).contains("com.typesafe.config");
    }

    @Test
    void doesNotCoverPackagesThatMerelyShareAPrefixOfLetters() {
        assertThat(SharedPackages.prefixOfClass("org.tensorflowlite.Interpreter")).isEmpty();
        assertThat(SharedPackages.prefixOfClass("dev.peft4j.spidey.Web")).isEmpty();
        assertThat(SharedPackages.prefixOfClass("dev.peft4j.core.plugin.PluginHost")).isEmpty();
        assertThat(SharedPackages.prefixOfResource("reference.conf")).isEmpty();
    }
}

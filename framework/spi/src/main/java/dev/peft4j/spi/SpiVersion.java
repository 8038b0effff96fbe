package dev.peft4j.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this SPI and of peft4j, as the build stamped them. */
public final class SpiVersion {

    private static final Properties VERSIONS = load();

    private SpiVersion() {
    }

    /** The SPI version plugins name in their {@code Plugin-Requires} range. */
    public static String spi() {
        return VERSIONS.getProperty("spi.version");
    }

    /** The peft4j release, recorded in saved adapter configs. */
    public static String peft4j() {
        return VERSIONS.getProperty("project.version");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = SpiVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("peft4j-spi jar lacks dev/peft4j/spi/version.properties: the jar is damaged, rebuild it");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}

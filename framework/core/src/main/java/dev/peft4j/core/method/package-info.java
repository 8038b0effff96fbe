/**
 * Tuning methods built into the host, registered through the same SPI as a plugin's: {@code full} (full
 * fine-tuning, the baseline of the parameter-efficient methods).
 */
package dev.peft4j.core.method;

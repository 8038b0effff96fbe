/**
 * The built-in learning-rate schedules ({@code constant}, {@code linear}, {@code cosine}, {@code step}), each a
 * linear warmup followed by its decay, found by PF4J as extensions of the host like any plugin's schedule.
 */
package dev.peft4j.core.schedule;

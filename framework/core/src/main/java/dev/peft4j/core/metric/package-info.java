/**
 * The built-in streaming metrics ({@code accuracy}, {@code precision}, {@code recall}, {@code f1} for
 * classification; {@code spearman}, {@code pearson}, {@code mse} for regression), found by PF4J as extensions of
 * the host, and the {@link dev.peft4j.core.metric.ConfusionMatrix} reports reuse. Averages and edge cases follow
 * scikit-learn and SciPy so results compare with Python baselines.
 */
package dev.peft4j.core.metric;

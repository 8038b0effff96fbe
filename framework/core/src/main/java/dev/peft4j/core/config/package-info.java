/**
 * Pipelines: HOCON files validated strictly against every module's {@code reference.conf}, then read into
 * immutable settings records.
 *
 * <h2>Loading</h2>
 * {@link dev.peft4j.core.config.PipelineConfigLoader} merges, first wins: the overrides ({@code -D key=value}, CLI
 * flags), the pipeline file, the host's reference.conf, each plugin's reference.conf. Substitutions resolve
 * against the whole merge and then the environment, so a pipeline may write {@code ${training.epochs}} or
 * {@code ${?HF_HOME}}. Every problem found is collected into one
 * {@link dev.peft4j.core.config.PipelineConfigException}, each a {@link dev.peft4j.core.config.ConfigProblem}
 * with file, line, key, expected, found and "did you mean".
 *
 * <h2>What a reference.conf says to the validator</h2>
 * <ul>
 *   <li>A key exists when some reference defines it; any other key is an error. Its type is its default's:
 *       number, string, boolean, list (elements typed like the default's first element) or object.</li>
 *   <li>An empty object {@code {}} is a free-form map: a pipeline may put any keys under it (e.g. LoRA's
 *       {@code method.lora.rank-pattern { "q_proj" = 16 }}). An object with keys is closed.</li>
 *   <li>What HOCON cannot express goes in a top-level {@code peft4j-schema} block of the same file, keyed by the
 *       quoted full key path: {@code type} ({@code integer}, since HOCON reads {@code 0.0} as {@code 0};
 *       {@code duration}; {@code memory-size}; or the type of a {@code null} default) and {@code one-of} (allowed
 *       values). The block never reaches a pipeline. Rules live next to the defaults they constrain, so a plugin
 *       ships both in the one file the loader already reads: no SPI method and no second resource. Comments
 *       would hold the same facts but are prose; rules are data the loader checks, and a malformed rule is
 *       itself reported at its line.</li>
 *   <li>Keys that choose extensions by name ({@code method.type}, {@code training.schedule.type},
 *       {@code evaluation.metrics}) are checked against the names actually loaded, passed in as
 *       {@link dev.peft4j.core.config.ExtensionChoice}s; a settings block of an extension nobody provides (say
 *       {@code method.ia3 {...}} with no IA3 plugin) is an error listing those available.</li>
 * </ul>
 *
 * <h2>Settings records</h2>
 * Records such as {@link dev.peft4j.core.config.TrainingSettings} hold no defaults; they validate in their
 * constructors through {@link dev.peft4j.core.config.SettingsViolations}, and
 * {@link dev.peft4j.core.config.SettingsReader} turns a refusal into problems located at the refused value's line.
 */
package dev.peft4j.core.config;

package dev.peft4j.plugins.prompttuning;

import org.pf4j.Plugin;

/** PF4J entry point of the prompt-tuning plugin; its extensions are found through the extension index. */
public class PromptTuningPlugin extends Plugin {
}

package dev.peft4j.plugins.augmentation;

import org.pf4j.Plugin;

/** PF4J entry point of the augmentation plugin; its extensions are found through the extension index. */
public class AugmentationPlugin extends Plugin {
}

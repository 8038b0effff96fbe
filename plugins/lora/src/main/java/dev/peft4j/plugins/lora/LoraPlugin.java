package dev.peft4j.plugins.lora;

import org.pf4j.Plugin;

/** PF4J entry point of the lora plugin; its extensions are found through the extension index. */
public class LoraPlugin extends Plugin {
}

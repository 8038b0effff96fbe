package dev.peft4j.plugins.adapter;

import org.pf4j.Plugin;

/** PF4J entry point of the adapter plugin; its extensions are found through the extension index. */
public class AdapterPlugin extends Plugin {
}

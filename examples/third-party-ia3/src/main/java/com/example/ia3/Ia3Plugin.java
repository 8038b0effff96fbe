package com.example.ia3;

import org.pf4j.Plugin;

/** PF4J entry point of the example-ia3 plugin; its extension is found through the extension index. */
public class Ia3Plugin extends Plugin {
}

package dev.peft4j.core.plugin;

import dev.peft4j.core.extension.ExtensionKind;
import dev.peft4j.spi.NamedFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the class names of an extension index into named factories. PF4J's own finder logs a class it cannot load
 * and carries on; here every such class is a problem the caller decides about.
 */
final class ExtensionDiscovery {

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private ExtensionDiscovery() {
    }

    /** A factory found for one kind. A class implementing two kinds is found once per kind. */
    record Found(ExtensionKind<?> kind, String name, NamedFactory<?> factory) {
    }

    /** What an index yielded: the factories, and every class that could not become one. */
    record Discovered(List<Found> extensions, List<String> problems) {
    }

    static Discovered discover(Collection<String> classNames, ClassLoader loader) {
        List<Found> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String className : new TreeSet<>(classNames)) {
            try {
                found.addAll(create(className, loader));
            } catch (ExtensionProblem problem) {
                problems.add(problem.getMessage());
            }
        }
        return new Discovered(found, problems);
    }

    private static List<Found> create(String className, ClassLoader loader) throws ExtensionProblem {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ExtensionProblem("its extension index names " + className + ", which cannot be loaded (" + e
                    + "); rebuild the jar so the index and the classes agree");
        }
        List<ExtensionKind<?>> kinds =
                ExtensionKind.ALL.stream().filter(kind -> kind.type().isAssignableFrom(type)).toList();
        if (kinds.isEmpty()) {
            throw new ExtensionProblem("its extension " + className + " implements none of the peft4j extension points "
                    + ExtensionKind.ALL.stream().map(kind -> kind.type().getSimpleName()).toList());
        }
        NamedFactory<?> factory = instantiate(type);
        String name = nameOf(factory, className);
        return kinds.stream().map(kind -> new Found(kind, name, factory)).toList();
    }

    private static NamedFactory<?> instantiate(Class<?> type) throws ExtensionProblem {
        try {
            return (NamedFactory<?>) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new ExtensionProblem("its extension " + type.getName() + " failed in its constructor (" + e.getCause()
                    + "); a factory's constructor should do no work");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ExtensionProblem("its extension " + type.getName() + " cannot be created (" + e
                    + "); give it a public no-argument constructor");
        }
    }

    private static String nameOf(NamedFactory<?> factory, String className) throws ExtensionProblem {
        String name;
        try {
            name = factory.name();
        } catch (RuntimeException e) {
            throw new ExtensionProblem("its extension " + className + " failed in name() (" + e + ")");
        }
        if (name == null || !KEBAB_CASE.matcher(name).matches()) {
            throw new ExtensionProblem("its extension " + className + " is named '" + name + "'; extension names are"
                    + " kebab-case: lowercase letters and digits joined by dashes, e.g. my-method");
        }
        return name;
    }

    /** One class that cannot become an extension; its message is a sentence about the plugin ("its ..."). */
    private static final class ExtensionProblem extends Exception {

        private static final long serialVersionUID = 1L;

        ExtensionProblem(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.peft4j.core.gradient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TFJ_GradFuncAdapter;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;

/**
 * The process-wide registry of Java gradients for ops TensorFlow Java has none for.
 *
 * <p>TensorFlow Java 1.1.0 turns every {@code TensorFlow.registerCustomGradient} call into a new JavaCPP callback, and
 * the 11th callback crashes the JVM. So this registry owns exactly one callback, a dispatcher that looks up the Java
 * gradient by op type, and registers that same callback for each op type through the low-level
 * {@code TFJ_RegisterCustomGradient}. The callback is held in a static field: if it were collected, TensorFlow would
 * call into freed memory.
 */
public final class CustomGradients {

    private static final Logger LOG = LoggerFactory.getLogger(CustomGradients.class);
    private static final Map<String, RawCustomGradient> GRADIENTS = new ConcurrentHashMap<>();

    /** Created on first registration, then kept for the life of the process (see class comment). */
    private static TFJ_GradFuncAdapter dispatcher;

    private CustomGradients() {
    }

    /** Registers every gradient peft4j's models need; safe to call any number of times. */
    public static void registerBuiltins() {
        register(IdentityNGradient.OP_TYPE, new IdentityNGradient());
    }

    /**
     * Gives {@code opType} a Java gradient. Registering the same gradient class again is a no-op; a different one for
     * an op type that already has a Java gradient is refused, as TensorFlow keeps the first registration.
     *
     * @return true when {@code gradient} is now the op's gradient, false when TensorFlow has a built-in (C++) gradient
     *     for the op, which cannot be overridden and is used instead
     */
    public static synchronized boolean register(String opType, RawCustomGradient gradient) {
        RawCustomGradient existing = GRADIENTS.get(opType);
        if (existing != null) {
            if (existing.getClass() != gradient.getClass()) {
                throw new IllegalStateException("op type " + opType + " already has the Java gradient "
                        + existing.getClass().getName() + "; a gradient can be registered once per process");
            }
            return true;
        }
        TensorFlow.version(); // loads the native library before the raw C API is touched
        if (tensorflow.TFJ_HasGradient(opType)) {
            LOG.debug("op type {} has a built-in gradient; the Java gradient {} is not needed", opType,
                    gradient.getClass().getName());
            return false;
        }
        if (dispatcher == null) {
            dispatcher = RawCustomGradient.adapter(CustomGradients::dispatch);
        }
        GRADIENTS.put(opType, gradient);
        if (!tensorflow.TFJ_RegisterCustomGradient(opType, dispatcher)) {
            GRADIENTS.remove(opType);
            throw new IllegalStateException("TensorFlow refused a gradient for op type " + opType);
        }
        return true;
    }

    /** True when peft4j registered a Java gradient for {@code opType} in this process. */
    public static boolean isRegistered(String opType) {
        return GRADIENTS.containsKey(opType);
    }

    /** Fails, naming {@code what} needs it, unless {@code opType} has peft4j's Java gradient in this process. */
    static void requireRegistered(String opType, String what) {
        if (!isRegistered(opType)) {
            throw new IllegalStateException(what + " needs the Java gradient of " + opType
                    + ", which is not registered: call CustomGradients.registerBuiltins() before building a graph"
                    + " (ModelBuilder does)");
        }
    }

    private static List<Operand<?>> dispatch(Ops tf, GraphOperation op, List<Output<?>> gradOutputs) {
        RawCustomGradient gradient = GRADIENTS.get(op.type());
        if (gradient == null) {
            // Unreachable: the dispatcher is registered only for op types in the map.
            throw new IllegalStateException("no Java gradient for op type " + op.type());
        }
        try {
            return gradient.call(tf, op, gradOutputs);
        } catch (RuntimeException e) {
            LOG.error("the Java gradient of {} ({}) failed", op.name(), op.type(), e);
            throw e;
        }
    }
}

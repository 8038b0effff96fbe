package dev.peft4j.core.train.optim;

/** The current loss scale and its growth counter, updated after every optimizer step. */
public final class LossScaler {

    private final LossScaleSpec spec;
    private double scale;
    private long finiteSteps;

    public LossScaler(LossScaleSpec spec) {
        this.spec = spec;
        this.scale = spec.initialScale();
    }

    public double scale() {
        return scale;
    }

    /** Finite steps since the scale last changed. */
    public long finiteSteps() {
        return finiteSteps;
    }

    /** Records whether the last step's gradients were finite and adapts the scale. */
    public void update(boolean finite) {
        if (!spec.dynamic()) {
            return;
        }
        if (!finite) {
            scale = Math.max(spec.minScale(), scale * spec.backoffFactor());
            finiteSteps = 0;
        } else if (++finiteSteps >= spec.growthInterval()) {
            scale *= spec.growthFactor();
            finiteSteps = 0;
        }
    }

    /** Restores a state saved in a checkpoint. */
    public void restore(double savedScale, long savedFiniteSteps) {
        if (!(savedScale > 0) || Double.isInfinite(savedScale) || savedFiniteSteps < 0) {
            throw new IllegalArgumentException("invalid saved loss scale state: scale " + savedScale
                    + ", finite steps " + savedFiniteSteps);
        }
        this.scale = savedScale;
        this.finiteSteps = savedFiniteSteps;
    }
}

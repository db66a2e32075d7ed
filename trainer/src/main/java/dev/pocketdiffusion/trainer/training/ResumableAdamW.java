package dev.pocketdiffusion.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.TreeMap;

/**
 * AdamW (decoupled weight decay) whose moment estimates can be saved and restored, so that {@code
 * --resume} continues a run exactly. DJL's own {@code AdamW} keeps its moments private; this one
 * runs the same fused update kernel with the same defaults (β1 0.9, β2 0.999, ε 1e-8), so the two
 * produce identical weights step for step. The update count starts at the builder's {@code
 * optBeginNumUpdate}, which is how a resumed run picks up its learning-rate schedule.
 */
final class ResumableAdamW extends Optimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;
  private static final String MEAN = "mean/";
  private static final String VARIANCE = "variance/";

  private final ParameterTracker learningRate;
  private final Map<String, NDArray> means = new TreeMap<>();
  private final Map<String, NDArray> variances = new TreeMap<>();
  private float gradientScale = 1f;

  private ResumableAdamW(Builder builder) {
    super(builder);
    learningRate = builder.learningRate;
  }

  /** A builder; {@code setLearningRateTracker} is required. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Multiplies the gradients of the following updates by {@code factor} inside the fused kernel
   * (its {@code rescale_grad}), as gradient clipping needs: one multiply per parameter that costs
   * no call of its own. Stays in force until changed.
   */
  void scaleGradients(float factor) {
    gradientScale = factor;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    int t = updateCount(parameterId);
    double biasCorrection1 = 1.0 - Math.pow(BETA1, t);
    double biasCorrection2 = 1.0 - Math.pow(BETA2, t);
    float lr = learningRate.getNewValue(parameterId, t);
    float correctedLr = (float) (lr * Math.sqrt(biasCorrection2) / biasCorrection1);
    float weightDecay = getWeightDecay();
    if (!Float.isFinite(lr) || !Float.isFinite(weightDecay)) {
      throw new IllegalStateException("learning rate or weight decay is not finite at update " + t);
    }
    NDArray mean = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
    NDArray variance = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, grad, mean, variance),
            new NDList(weight),
            lr,
            correctedLr,
            weightDecay,
            rescaleGrad * gradientScale,
            clipGrad,
            BETA1,
            BETA2,
            EPSILON,
            true,
            true);
  }

  /**
   * The moments of {@code network}'s parameters, named {@code mean/NAME} and {@code variance/NAME}
   * by parameter name (DJL's parameter ids differ between processes; names do not). Empty before
   * the first step.
   */
  NDList moments(Block network) {
    NDList list = new NDList();
    for (Pair<String, Parameter> p : network.getParameters()) {
      NDArray mean = means.get(p.getValue().getId());
      NDArray variance = variances.get(p.getValue().getId());
      if (mean != null) {
        mean.setName(MEAN + p.getKey());
        variance.setName(VARIANCE + p.getKey());
        list.add(mean);
        list.add(variance);
      }
    }
    return list;
  }

  /**
   * Restores moments saved by {@link #moments} into this optimizer for {@code network}'s
   * parameters, copied into {@code manager}.
   *
   * @throws IllegalArgumentException if a saved array names no parameter of {@code network}
   */
  void restore(Block network, NDList saved, NDManager manager) {
    Map<String, String> ids = new TreeMap<>();
    for (Pair<String, Parameter> p : network.getParameters()) {
      ids.put(p.getKey(), p.getValue().getId());
    }
    for (NDArray array : saved) {
      String name = array.getName() == null ? "" : array.getName();
      boolean mean = name.startsWith(MEAN);
      String parameter = name.substring(name.indexOf('/') + 1);
      if (!(mean || name.startsWith(VARIANCE)) || !ids.containsKey(parameter)) {
        throw new IllegalArgumentException(
            "saved optimizer state names no parameter of this network: '" + name + "'");
      }
      NDArray copy = manager.create(array.getShape(), array.getDataType());
      array.copyTo(copy);
      (mean ? means : variances).put(ids.get(parameter), copy);
    }
  }

  /** Builds a {@link ResumableAdamW}. */
  static final class Builder extends OptimizerBuilder<Builder> {
    private ParameterTracker learningRate;

    /** Required: the learning-rate schedule. */
    Builder setLearningRateTracker(ParameterTracker tracker) {
      this.learningRate = tracker;
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    ResumableAdamW build() {
      if (learningRate == null) {
        throw new IllegalStateException("ResumableAdamW needs a learning-rate tracker");
      }
      return new ResumableAdamW(this);
    }
  }
}

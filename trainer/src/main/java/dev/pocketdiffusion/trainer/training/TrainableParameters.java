package dev.pocketdiffusion.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's trainable parameters (not BatchNorm's running statistics) with their gradient arrays,
 * and the optimiser step over them. DJL's {@code Trainer.step} fetches every gradient anew and
 * copies it before each update; on this small network those calls and that copy cost more than a
 * few percent of a step (docs/PERFORMANCE.md), and the update is the same without them.
 *
 * <p>The gradient arrays are fetched once, after the first backward pass: PyTorch accumulates into
 * them and DJL's fused update zeroes them in place, so the handles stay valid for the whole run.
 * That needs every trainable parameter to take part in the first forward pass, as in every block of
 * this trainer: DJL stands in a fresh zero array for a gradient that does not exist yet.
 */
final class TrainableParameters implements AutoCloseable {
  private final List<Parameter> parameters = new ArrayList<>();
  private final List<NDArray> gradients = new ArrayList<>();

  TrainableParameters(Block network) {
    for (Pair<String, Parameter> p : network.getParameters()) {
      if (p.getValue().requiresGradient()) {
        parameters.add(p.getValue());
      }
    }
  }

  /** The gradient of each parameter, in parameter order; call after a backward pass. */
  List<NDArray> gradients() {
    if (gradients.isEmpty()) {
      for (Parameter p : parameters) {
        gradients.add(p.getArray().getGradient());
      }
    }
    return gradients;
  }

  /** Updates every parameter from its gradient, which the update then zeroes. */
  void step(Optimizer optimizer) {
    List<NDArray> grads = gradients();
    for (int i = 0; i < parameters.size(); i++) {
      optimizer.update(parameters.get(i).getId(), parameters.get(i).getArray(), grads.get(i));
    }
  }

  @Override
  public void close() {
    for (NDArray g : gradients) {
      g.close();
    }
    gradients.clear();
  }
}

package dev.pocketdiffusion.android;

import dev.pocketdiffusion.card.ModelCard;

/** One line about a model from its card, shown when the model is picked. */
final class CardSummary {
  private CardSummary() {}

  /** E.g. {@code moons.onnx: vp, predicts epsilon, trained on moons} (plus the classes, if any). */
  static String of(String name, ModelCard card) {
    StringBuilder line =
        new StringBuilder(name)
            .append(": ")
            .append(card.path().process())
            .append(", predicts ")
            .append(card.prediction().cliName());
    Object dataset = card.training().get("dataset");
    if (dataset != null) {
      line.append(", trained on ").append(dataset);
    }
    if (card.numClasses() > 0) {
      line.append(", ").append(card.numClasses()).append(" classes");
    }
    return line.toString();
  }
}

package dev.pocketdiffusion.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --allow-any-operator} flag of every command that loads an {@code .onnx} model: without
 * it a graph using an operator the exporter never emits is refused before ONNX Runtime sees it.
 */
public final class OperatorOption {
  @Option(
      names = "--allow-any-operator",
      description =
          "Also run models whose graph uses operators the exporter never emits (only for models you"
              + " trust: their sizes cannot be checked before they run).")
  boolean allowAnyOperator;
}

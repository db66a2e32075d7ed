package dev.pocketdiffusion.exporter;

import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.io.AtomicFiles;
import dev.pocketdiffusion.onnx.OnnxNetwork;
import java.io.File;
import java.io.IOException;

/**
 * Turns a trained DJL network into an ONNX model: inputs {@code x} float [N, D], {@code t} float
 * [N] and, for a card with classes, {@code label} int64 [N]; output {@code out} float [N, D], opset
 * 17 and IR version 8 (loadable by ONNX Runtime 1.17+ and ORT Mobile), with the model card in
 * {@code metadata_props}.
 */
public final class OnnxExporter {
  /** The ONNX opset the exporter targets. */
  public static final int OPSET = 17;

  /** The IR version matching {@link #OPSET}. */
  public static final int IR_VERSION = 8;

  /** Stamped into exported models as {@code producer_version}. */
  public static final String PRODUCER_VERSION = "0.1.0";

  /** Name of the graph output. */
  public static final String OUTPUT = "out";

  private OnnxExporter() {}

  /**
   * Builds the ONNX model of {@code network}, whose forward takes (x, t).
   *
   * @throws UnsupportedOperationException naming a block that cannot be lowered
   */
  public static ModelProto export(Block network, ModelCard card) {
    OnnxGraph graph = new OnnxGraph("pocket_diffusion");
    int dim = card.dimension();
    graph.input(OnnxNetwork.INPUT_X, TensorProto.DataType.FLOAT, dim);
    graph.input(OnnxNetwork.INPUT_T, TensorProto.DataType.FLOAT);
    String[] inputs = {OnnxNetwork.INPUT_X, OnnxNetwork.INPUT_T};
    if (card.numClasses() > 0) {
      graph.input(OnnxNetwork.INPUT_LABEL, TensorProto.DataType.INT64);
      inputs = new String[] {OnnxNetwork.INPUT_X, OnnxNetwork.INPUT_T, OnnxNetwork.INPUT_LABEL};
    }
    String out = new BlockLowering(graph).lower(network, inputs);
    graph.output(OUTPUT, out, dim);
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("pocket-diffusion")
        .setProducerVersion(PRODUCER_VERSION)
        .setModelVersion(card.formatVersion())
        .setDocString("Pocket Diffusion denoiser; see metadata key " + ModelCard.METADATA_KEY)
        .setGraph(graph.build())
        .addMetadataProps(
            StringStringEntryProto.newBuilder()
                .setKey(ModelCard.METADATA_KEY)
                .setValue(card.toJson()))
        .build();
  }

  /**
   * {@code model} with its card replaced by {@code card}; everything else (graph, weights, other
   * metadata) is kept as it is.
   */
  public static ModelProto withCard(ModelProto model, ModelCard card) {
    ModelProto.Builder builder = model.toBuilder().clearMetadataProps();
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      builder.addMetadataProps(
          entry.getKey().equals(ModelCard.METADATA_KEY)
              ? entry.toBuilder().setValue(card.toJson()).build()
              : entry);
    }
    return builder.build();
  }

  /**
   * The card of {@code model}.
   *
   * @param source names the model in error messages
   * @throws dev.pocketdiffusion.InvalidInputException if it has none or an invalid one
   */
  public static ModelCard card(ModelProto model, String source) {
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      if (entry.getKey().equals(ModelCard.METADATA_KEY)) {
        return ModelCard.fromJson(entry.getValue(), source);
      }
    }
    throw new dev.pocketdiffusion.InvalidInputException(
        source + ": no model card (metadata key " + ModelCard.METADATA_KEY + ")");
  }

  /** Writes a model atomically (temporary file, then move). */
  public static void write(ModelProto model, File file) throws IOException {
    AtomicFiles.write(file, model::writeTo);
  }
}

package dev.pocketdiffusion.android;

import dev.pocketdiffusion.InvalidInputException;
import dev.pocketdiffusion.onnx.ExecutionProvider;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .onnx} models shipped in the app's assets. Each model is read as bytes and opened once
 * per execution provider (one ONNX Runtime session each, kept until {@link #close}); its model card
 * says what it is.
 */
public final class ModelCatalog implements AutoCloseable {
  /** Reads one asset as bytes. */
  public interface AssetBytes {
    /** The bytes of the asset called {@code name}. */
    byte[] read(String name) throws IOException;
  }

  private final List<String> names;
  private final AssetBytes assets;
  private final int intraOpThreads;
  private final Map<String, OnnxDenoiser> open = new HashMap<>();

  /**
   * A catalog of the {@code .onnx} entries among {@code assetNames}, sorted by name.
   *
   * @param intraOpThreads ONNX Runtime intra-op threads per session (1 suits small batches on a
   *     phone)
   */
  public ModelCatalog(String[] assetNames, AssetBytes assets, int intraOpThreads) {
    List<String> models = new ArrayList<>();
    for (String name : assetNames) {
      if (name.endsWith(".onnx")) {
        models.add(name);
      }
    }
    Collections.sort(models);
    this.names = Collections.unmodifiableList(models);
    this.assets = assets;
    this.intraOpThreads = intraOpThreads;
  }

  /** The model file names, sorted. */
  public List<String> names() {
    return names;
  }

  /**
   * The model called {@code name} run by {@code provider}, opened on first use.
   *
   * @throws InvalidInputException if it is not in the catalog, cannot be read, has no valid card,
   *     or is not 2-D (the app draws points in a plane), or the provider is not in this ONNX
   *     Runtime
   */
  public synchronized OnnxDenoiser load(String name, ExecutionProvider provider) {
    String key = name + "@" + provider.cliName();
    OnnxDenoiser model = open.get(key);
    if (model != null) {
      return model;
    }
    if (!names.contains(name)) {
      throw new InvalidInputException(
          name + ": no such model in the app's assets (it has " + names + ")");
    }
    byte[] bytes;
    try {
      bytes = assets.read(name);
    } catch (IOException e) {
      throw new InvalidInputException(name + ": cannot read the asset (" + e.getMessage() + ")", e);
    }
    model =
        OnnxDenoiser.builder()
            .setModelBytes(bytes, name)
            .optIntraOpThreads(intraOpThreads)
            .optExecutionProvider(provider)
            .build();
    if (model.dimension() != 2) {
      model.close();
      throw new InvalidInputException(
          name + ": the app draws 2-D points but this model has dimension " + model.dimension());
    }
    open.put(key, model);
    return model;
  }

  /** Closes every opened session. */
  @Override
  public synchronized void close() {
    for (OnnxDenoiser model : open.values()) {
      model.close();
    }
    open.clear();
  }
}

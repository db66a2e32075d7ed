package dev.pocketdiffusion.android;

import android.app.Activity;
import android.content.res.AssetManager;
import android.os.Bundle;
import android.os.Handler;
import android.os.Looper;
import android.os.SystemClock;
import android.text.InputType;
import android.view.View;
import android.view.ViewGroup;
import android.widget.AdapterView;
import android.widget.ArrayAdapter;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.Spinner;
import android.widget.TextView;
import dev.pocketdiffusion.card.ModelCard;
import dev.pocketdiffusion.card.SamplingRecipe;
import dev.pocketdiffusion.onnx.ExecutionProvider;
import dev.pocketdiffusion.onnx.OnnxDenoiser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's one screen: pick a model shipped in the assets, where ONNX Runtime runs it (CPU, or
 * XNNPACK/NNAPI where the Android build offers them), a sampler, steps, points, seed (and a class
 * and guidance scale for conditional models), press Run, and watch the points travel from noise to
 * data. Sampling runs on the {@link DemoSession}'s worker thread; the session survives rotation,
 * and the settings and the drawn points are also kept in the saved instance state.
 */
public final class MainActivity extends Activity implements DemoSession.Listener {
  /** Animation frame time: 30 frames per second. */
  static final long FRAME_MILLIS = 33;

  private static final String KEY_SETTINGS = "settings";
  private static final String KEY_SHOWN = "shown";
  private static final String KEY_STATUS = "status";

  private final Handler handler = new Handler(Looper.getMainLooper());
  private final List<ExecutionProvider> providers = ExecutionProvider.available();
  private final Runnable tick = this::tick;
  private boolean ticking;
  private String shownModel;

  DemoSession session;
  Spinner modelSpinner;
  Spinner providerSpinner;
  Spinner samplerSpinner;
  Spinner classSpinner;
  EditText stepsField;
  EditText pointsField;
  EditText seedField;
  EditText guidanceField;
  LinearLayout classRow;
  Button runButton;
  Button cancelButton;
  TextView status;
  PointsView pointsView;

  @Override
  protected void onCreate(Bundle saved) {
    super.onCreate(saved);
    session = (DemoSession) getLastNonConfigurationInstance();
    if (session == null) {
      // the application's assets, not this Activity's: the catalog outlives a rotation
      AssetManager assets = getApplicationContext().getAssets();
      ModelCatalog catalog =
          new ModelCatalog(assetNames(assets), name -> Streams.readAll(assets.open(name)), 1);
      session = new DemoSession(catalog, handler::post, new Playback(FRAME_MILLIS));
    }
    setContentView(buildScreen());
    List<String> models = session.catalog().names();
    if (models.isEmpty()) {
      status.setText("no .onnx models in the app's assets");
      runButton.setEnabled(false);
      return;
    }
    show(savedSettings(saved, models.get(0)));
    session.setListener(this);
    if (saved != null && session.frames().isEmpty() && saved.getFloatArray(KEY_SHOWN) != null) {
      pointsView.setPoints(saved.getFloatArray(KEY_SHOWN));
      status.setText(saved.getString(KEY_STATUS, ""));
    } else if (session.report() != null) {
      status.setText(session.report().describe());
    }
    updateButtons();
    startTicking();
  }

  /**
   * The settings to show: those saved with the screen, else those of the session's latest run, else
   * the defaults.
   */
  private DemoSettings savedSettings(Bundle saved, String firstModel) {
    Bundle settings = saved != null ? saved.getBundle(KEY_SETTINGS) : null;
    if (settings != null) {
      return DemoSettings.fromBundle(settings);
    }
    if (session.settings() != null) {
      return session.settings();
    }
    try {
      return DemoSettings.defaults(
          firstModel,
          session.catalog().load(firstModel, ExecutionProvider.CPU).card().samplingRecipe());
    } catch (RuntimeException e) {
      return DemoSettings.defaults(firstModel); // showModel reports why the card cannot be read
    }
  }

  private static String[] assetNames(AssetManager assets) {
    try {
      return assets.list("");
    } catch (IOException e) {
      return new String[0];
    }
  }

  private View buildScreen() {
    modelSpinner = new Spinner(this);
    providerSpinner = new Spinner(this);
    List<String> providerNames = new ArrayList<>();
    for (ExecutionProvider provider : providers) {
      providerNames.add(provider.cliName());
    }
    providerSpinner.setAdapter(adapter(providerNames));
    samplerSpinner = new Spinner(this);
    classSpinner = new Spinner(this);
    stepsField = numberField(false);
    pointsField = numberField(false);
    seedField = numberField(false);
    guidanceField = numberField(true);
    runButton = new Button(this);
    runButton.setText("Run");
    runButton.setOnClickListener(v -> run());
    cancelButton = new Button(this);
    cancelButton.setText("Cancel");
    cancelButton.setOnClickListener(v -> session.cancel());
    status = new TextView(this);
    pointsView = new PointsView(this);
    modelSpinner.setAdapter(adapter(session.catalog().names()));
    modelSpinner.setOnItemSelectedListener(
        new AdapterView.OnItemSelectedListener() {
          @Override
          public void onItemSelected(AdapterView<?> parent, View view, int position, long id) {
            showModel((String) parent.getItemAtPosition(position));
          }

          @Override
          public void onNothingSelected(AdapterView<?> parent) {}
        });

    LinearLayout screen = new LinearLayout(this);
    screen.setOrientation(LinearLayout.VERTICAL);
    screen.addView(row(label("model"), modelSpinner, label("on"), providerSpinner));
    screen.addView(row(label("sampler"), samplerSpinner));
    screen.addView(
        row(label("steps"), stepsField, label("points"), pointsField, label("seed"), seedField));
    classRow = row(label("class"), classSpinner, label("guidance"), guidanceField);
    screen.addView(classRow);
    screen.addView(row(runButton, cancelButton));
    screen.addView(status);
    screen.addView(
        pointsView, new LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, 0, 1f));
    return screen;
  }

  private EditText numberField(boolean decimal) {
    EditText field = new EditText(this);
    field.setInputType(
        InputType.TYPE_CLASS_NUMBER | (decimal ? InputType.TYPE_NUMBER_FLAG_DECIMAL : 0));
    field.setEms(4);
    return field;
  }

  private TextView label(String text) {
    TextView label = new TextView(this);
    label.setText(text);
    return label;
  }

  private LinearLayout row(View... views) {
    LinearLayout row = new LinearLayout(this);
    row.setOrientation(LinearLayout.HORIZONTAL);
    for (View view : views) {
      row.addView(view);
    }
    return row;
  }

  private ArrayAdapter<String> adapter(List<String> items) {
    ArrayAdapter<String> adapter =
        new ArrayAdapter<>(this, android.R.layout.simple_spinner_item, items);
    adapter.setDropDownViewResource(android.R.layout.simple_spinner_dropdown_item);
    return adapter;
  }

  /** Loads the model's card: its data box, the samplers that fit it, and its classes if any. */
  private void showModel(String name) {
    if (name.equals(shownModel)) {
      return;
    }
    try {
      OnnxDenoiser model = session.catalog().load(name, ExecutionProvider.CPU);
      ModelCard card = model.card();
      // a new model starts from how its card says to sample it; restored settings override this
      SamplingRecipe recipe = card.samplingRecipe();
      List<String> samplers = DemoSettings.samplersFor(model);
      samplerSpinner.setAdapter(adapter(samplers));
      samplerSpinner.setSelection(Math.max(0, samplers.indexOf(recipe.sampler())));
      stepsField.setText(String.valueOf(recipe.steps()));
      guidanceField.setText(String.format(Locale.ROOT, "%s", recipe.guidance()));
      List<String> classes = new ArrayList<>();
      for (int k = 0; k < card.numClasses(); k++) {
        classes.add(k < card.classNames().size() ? card.classNames().get(k) : "class " + k);
      }
      classSpinner.setAdapter(adapter(classes));
      classRow.setVisibility(classes.isEmpty() ? View.GONE : View.VISIBLE);
      pointsView.setRange(Viewport.rangeOf(card));
      status.setText(CardSummary.of(name, card));
      shownModel = name;
      modelSpinner.setSelection(session.catalog().names().indexOf(name));
    } catch (RuntimeException e) {
      status.setText(e.getMessage());
    }
  }

  /**
   * Puts {@code settings} on screen: the model first, since it decides which samplers and classes
   * are offered.
   */
  private void show(DemoSettings settings) {
    showModel(settings.model());
    select(providerSpinner, settings.provider().cliName());
    select(samplerSpinner, settings.sampler());
    stepsField.setText(String.valueOf(settings.steps()));
    pointsField.setText(String.valueOf(settings.points()));
    seedField.setText(String.valueOf(settings.seed()));
    if (settings.classLabel() < classSpinner.getCount()) {
      classSpinner.setSelection(settings.classLabel());
    }
    guidanceField.setText(String.format(Locale.ROOT, "%s", settings.guidance()));
  }

  private static void select(Spinner spinner, String item) {
    for (int i = 0; i < spinner.getCount(); i++) {
      if (spinner.getItemAtPosition(i).equals(item)) {
        spinner.setSelection(i);
        return;
      }
    }
  }

  /** The settings on screen. */
  DemoSettings readSettings() {
    ExecutionProvider provider =
        providers.get(Math.max(0, providerSpinner.getSelectedItemPosition()));
    return DemoSettings.parse(
        shownModel,
        provider,
        (String) samplerSpinner.getSelectedItem(),
        stepsField.getText().toString(),
        pointsField.getText().toString(),
        seedField.getText().toString(),
        Math.max(0, classSpinner.getSelectedItemPosition()),
        guidanceField.getText().toString());
  }

  private void run() {
    try {
      session.start(readSettings(), SystemClock.uptimeMillis());
      status.setText("running " + session.settings().sampler() + "…");
    } catch (RuntimeException e) {
      status.setText(e.getMessage());
    }
    updateButtons();
    startTicking();
  }

  private void updateButtons() {
    runButton.setEnabled(!session.isRunning());
    cancelButton.setEnabled(session.isRunning());
  }

  private void startTicking() {
    if (!ticking) {
      ticking = true;
      handler.post(tick);
    }
  }

  /** Shows the frame due now and schedules the next one while the animation lasts. */
  private void tick() {
    long now = SystemClock.uptimeMillis();
    Frame frame = session.frameAt(now);
    if (frame != null) {
      pointsView.setPoints(frame.xy());
    }
    ticking = session.isAnimating(now);
    if (ticking) {
      handler.postDelayed(tick, session.frameMillis());
    }
  }

  @Override
  public void onFrame(Frame frame) {
    if (session.isRunning()) {
      String of =
          session.settings().plannedSteps() > 0 ? " of " + session.settings().plannedSteps() : "";
      status.setText(
          String.format(
              Locale.ROOT,
              "%s: step %d%s, %.2f ms/step",
              session.settings().sampler(),
              frame.step(),
              of,
              frame.msPerStep()));
    }
    startTicking();
  }

  @Override
  public void onFinished(RunReport report) {
    status.setText(report.describe());
    updateButtons();
    startTicking();
  }

  @Override
  public Object onRetainNonConfigurationInstance() {
    return session;
  }

  @Override
  protected void onSaveInstanceState(Bundle out) {
    super.onSaveInstanceState(out);
    if (shownModel == null) {
      return;
    }
    try {
      out.putBundle(KEY_SETTINGS, readSettings().toBundle());
    } catch (IllegalArgumentException e) {
      // a field does not parse: the new screen starts from the latest run's settings, as after a
      // restart
    }
    out.putFloatArray(KEY_SHOWN, pointsView.points());
    out.putString(KEY_STATUS, status.getText().toString());
  }

  @Override
  protected void onDestroy() {
    handler.removeCallbacks(tick);
    ticking = false;
    session.setListener(null);
    if (!isChangingConfigurations()) {
      session.close();
    }
    super.onDestroy();
  }
}

import com.android.apksig.ApkSigner;
import com.android.apksig.ApkVerifier;
import com.android.apksig.KeyConfig;
import java.io.File;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;

/**
 * Signs a debug APK with APK Signature Scheme v2 and v3 (apksig, the library behind apksigner),
 * then verifies the result with apksig's verifier. Creates the debug keystore with keytool when it
 * is missing (password {@code android}, alias {@code androiddebugkey}, as Android tools do).
 * Run by {@code mvn -Papk package} as a single-file program:
 * {@code java -cp apksig.jar DebugApkSigner.java IN.apk OUT.apk KEYSTORE MIN_SDK}.
 */
public final class DebugApkSigner {
  private static final String ALIAS = "androiddebugkey";
  private static final char[] PASSWORD = "android".toCharArray();

  private DebugApkSigner() {}

  /** Signs {@code args[0]} into {@code args[1]} with the key in {@code args[2]} for min SDK {@code args[3]}. */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: java -cp apksig.jar DebugApkSigner.java IN.apk OUT.apk KEYSTORE MIN_SDK");
      System.exit(2);
    }
    File in = new File(args[0]);
    File out = new File(args[1]);
    File keystore = new File(args[2]);
    int minSdk = Integer.parseInt(args[3]);
    if (!keystore.isFile()) {
      createKeystore(keystore);
    }
    KeyStore store = KeyStore.getInstance(keystore, PASSWORD);
    ApkSigner.SignerConfig signer = new ApkSigner.SignerConfig.Builder(ALIAS,
        new KeyConfig.Jca((PrivateKey) store.getKey(ALIAS, PASSWORD)),
        Collections.singletonList((X509Certificate) store.getCertificate(ALIAS))).build();
    new ApkSigner.Builder(Collections.singletonList(signer))
        .setInputApk(in)
        .setOutputApk(out)
        .setMinSdkVersion(minSdk)
        .setV1SigningEnabled(false) // minSdk 26 >= 24: v2 covers every device the app supports
        .setV2SigningEnabled(true)
        .setV3SigningEnabled(true)
        .build()
        .sign();
    ApkVerifier.Result result = new ApkVerifier.Builder(out).setMinCheckedPlatformVersion(minSdk).build().verify();
    System.out.println("apksig verifier: verified=" + result.isVerified() + " v2=" + result.isVerifiedUsingV2Scheme()
        + " v3=" + result.isVerifiedUsingV3Scheme() + " signer="
        + result.getSignerCertificates().get(0).getSubjectX500Principal());
    if (!result.isVerified()) {
      System.err.println("apksig verifier rejects " + out + ": " + result.getAllErrors());
      System.exit(1);
    }
  }

  private static void createKeystore(File keystore) throws Exception {
    File parent = keystore.getAbsoluteFile().getParentFile();
    if (!parent.isDirectory() && !parent.mkdirs()) {
      throw new IllegalStateException("cannot create " + parent);
    }
    String keytool = new File(System.getProperty("java.home"), "bin/keytool").getPath();
    Process process = new ProcessBuilder(keytool, "-genkeypair", "-keystore", keystore.getPath(), "-storepass", "android",
        "-alias", ALIAS, "-keypass", "android", "-keyalg", "RSA", "-keysize", "2048", "-validity", "10000",
        "-dname", "CN=Android Debug,O=Android,C=US").inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool could not create " + keystore);
    }
  }
}

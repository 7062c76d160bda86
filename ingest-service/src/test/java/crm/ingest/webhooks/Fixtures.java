package crm.ingest.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The third-party fixtures in /work/shared/data (read as they are, byte for byte). */
public final class Fixtures {
    /** Beside the repository (the module's ../../shared/data), else where the build machine keeps them. */
    public static final Path ROOT = Files.isDirectory(Path.of("../../shared/data"))
            ? Path.of("../../shared/data") : Path.of("/work/shared/data");

    private Fixtures() {
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relative) {
        return new String(bytes(relative), java.nio.charset.StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String relative) {
        return (Map<String, Object>) JsonPayload.parse(bytes(relative)).orElseThrow();
    }
}

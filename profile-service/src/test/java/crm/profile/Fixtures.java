package crm.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The third-party fixtures of the suite (shared/data beside the repository), read as they are, never edited. */
public final class Fixtures {
    /** Beside the repository (the module's ../../shared/data), else where the build machine keeps them. */
    public static final Path ROOT = Files.isDirectory(Path.of("../../shared/data"))
            ? Path.of("../../shared/data") : Path.of("/work/shared/data");

    private Fixtures() {
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

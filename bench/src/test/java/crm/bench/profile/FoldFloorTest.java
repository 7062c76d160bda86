package crm.bench.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FoldFloorTest {

    @Test
    void the_schema_is_built_from_the_migrations_in_version_order(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("profile-service/src/main/resources/db/migration"));
        for (String name : List.of("V10__later.sql", "V2__timeline.sql", "V1__profiles.sql", "README.md")) {
            Files.writeString(dir.resolve(name), "select 1;");
        }
        assertThat(FoldFloor.migrations(root)).extracting(p -> p.getFileName().toString())
                .containsExactly("V1__profiles.sql", "V2__timeline.sql", "V10__later.sql");
    }

    @Test
    void the_script_writes_every_table_a_fold_batch_writes() throws IOException {
        String script;
        try (InputStream in = FoldFloor.class.getResourceAsStream("fold-floor.pgbench")) {
            assertThat(in).as("fold-floor.pgbench on the classpath").isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(script).contains("insert into processed_events", "insert into profile_events", "update profiles",
                "insert into orders", "for update", "begin;", "commit;");
    }
}

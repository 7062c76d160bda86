package crm.ingest.workspace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceNameTest {
    @Test
    void a_name_is_kept_trimmed() {
        assertThat(Workspace.checkName("  Ada's Shop ")).isEqualTo("Ada's Shop");
    }

    @Test
    void a_missing_or_blank_name_is_refused() {
        assertThatThrownBy(() -> Workspace.checkName(null)).hasMessageContaining("required");
        assertThatThrownBy(() -> Workspace.checkName(" \t")).hasMessageContaining("required");
    }

    @Test
    void a_name_with_nul_or_other_control_characters_is_refused() {
        assertThatThrownBy(() -> Workspace.checkName("Ada\u0000Shop")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> Workspace.checkName("Ada\nShop")).hasMessageContaining("control characters");
    }

    @Test
    void names_up_to_200_characters_are_accepted_longer_ones_refused() {
        assertThat(Workspace.checkName("a".repeat(200))).hasSize(200);
        assertThat(Workspace.checkName("é".repeat(200))).hasSize(200);
        assertThatThrownBy(() -> Workspace.checkName("a".repeat(201))).hasMessageContaining("200");
    }
}

package crm.profile.traits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraitNamesTest {

    @Test
    void camel_case_becomes_snake_case() {
        assertThat(TraitNames.snakeCase("firstName")).isEqualTo("first_name");
        assertThat(TraitNames.snakeCase("postalCode2")).isEqualTo("postal_code2");
    }

    @Test
    void spaces_and_dashes_become_underscores() {
        assertThat(TraitNames.snakeCase("First Name")).isEqualTo("first_name");
        assertThat(TraitNames.snakeCase("lead-source")).isEqualTo("lead_source");
        assertThat(TraitNames.snakeCase("  odd  -- name  ")).isEqualTo("odd_name");
    }

    @Test
    void acronyms_stay_one_word() {
        assertThat(TraitNames.snakeCase("userID")).isEqualTo("user_id");
        assertThat(TraitNames.snakeCase("NPSScore")).isEqualTo("nps_score");
    }

    @Test
    void snake_case_is_kept() {
        assertThat(TraitNames.snakeCase("last_name")).isEqualTo("last_name");
        assertThat(TraitNames.snakeCase("email")).isEqualTo("email");
    }
}

package crm.segment.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberCursorTest {

    @Test
    void a_cursor_leads_back_to_its_profile() {
        String cursor = MemberCursor.after("prof-é/1");
        assertThat(cursor).doesNotContain("prof").matches("[A-Za-z0-9_-]+");
        assertThat(MemberCursor.profileId(cursor)).contains("prof-é/1");
    }

    @Test
    void foreign_cursors_are_refused() {
        assertThat(MemberCursor.profileId("not base64!")).isEmpty();
        assertThat(MemberCursor.profileId("")).isEmpty();
        assertThat(MemberCursor.profileId("cA==")).isEmpty(); // padded: not one this service writes
    }
}

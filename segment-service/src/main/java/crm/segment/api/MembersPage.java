package crm.segment.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import crm.segment.membership.Member;

import java.util.List;

/** One page of a segment's members; {@code next} is the cursor of the following page, null on the last. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MembersPage(List<Member> items, String next) {
}

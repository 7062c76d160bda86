package crm.segment.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An invalid condition as problem+json (RFC 9457) with its location as extension members: {@code line} and
 * {@code column} for the text form (field "condition"), {@code path} (a JSON pointer inside "ast") for the JSON form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConditionProblem(String type, String title, int status, String detail, String field, String reason,
                               Integer line, Integer column, String path) {
}

// How a front end uses the generated types (npm run check compiles this against them): a request whose
// query, answer and error are the OpenAPI document's, so a change of the API that breaks a caller breaks
// this file's compilation, not a page at run time.
import type { components, operations } from "../../target/typescript/tiering-api";

export type Problem = components["schemas"]["Problem"];
export type OperatorSummary = components["schemas"]["OperatorSummary"];
type ListOperators = operations["listOperators"];

/** An error answer of the service, with its problem body. */
export class ProblemError extends Error {
    constructor(readonly problem: Problem) {
        super(`${problem.status} ${problem.title}: ${problem.detail}`);
    }
}

/** GET /operators, one page. */
export async function listOperators(
    base: string,
    query: NonNullable<ListOperators["parameters"]["query"]> = {},
): Promise<ListOperators["responses"][200]["content"]["application/json"]> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
        if (value !== undefined) {
            params.set(name, String(value));
        }
    }
    const answer = await fetch(`${base}/operators?${params}`, { headers: { Accept: "application/json" } });
    if (!answer.ok) {
        throw new ProblemError((await answer.json()) as Problem);
    }
    return (await answer.json()) as OperatorSummary[];
}

/** The message of each field a problem names, to show beside its input. */
export function fieldMessages(problem: Problem): Map<string, string> {
    const byField = new Map<string, string>();
    for (const error of problem.errors) {
        if (error.field !== undefined) {
            byField.set(error.field, error.message);
        }
    }
    return byField;
}

/** Tier 1 operators first, as the board ranks them. */
export function tierOneFirst(operators: OperatorSummary[]): OperatorSummary[] {
    const rank: Record<components["schemas"]["Tier"], number> = { TIER_1: 0, TIER_2: 1, TIER_3: 2, UNTIERED: 3 };
    return [...operators].sort((a, b) => rank[a.tier ?? "UNTIERED"] - rank[b.tier ?? "UNTIERED"]);
}

package mlb.engine;

import mlb.plan.Plan;

/**
 * Asked with the target's lock held, after the plan is known and before anything changes. The CLI prompts a
 * person (or says yes for --yes; without a terminal it refuses before the target is touched); the lab, the
 * monitor and tests answer themselves.
 */
@FunctionalInterface
public interface Approval {
    boolean approve(Plan plan, String question);

    Approval ALWAYS = (plan, question) -> true;
}

import { describe, expect, it } from "vitest";
import { MAX_PROBLEMS, ProblemList } from "./problem-list";

describe("ProblemList", () => {
  it("keeps the first MAX_PROBLEMS, counts the rest and says how many more", () => {
    const problems = new ProblemList();
    problems.add("one");
    expect(problems.rendered()).toEqual(["one"]);
    for (let i = 1; i < MAX_PROBLEMS + 3; i++) problems.add(`p${i}`);
    expect(problems.count).toBe(MAX_PROBLEMS + 3);
    expect(problems.list).toHaveLength(MAX_PROBLEMS);
    expect(problems.list[MAX_PROBLEMS - 1]).toBe(`p${MAX_PROBLEMS - 1}`);
    expect(problems.rendered().slice(-1)).toEqual(["… and 3 more"]);
  });
});

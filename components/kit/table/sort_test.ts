import { assertEquals } from "../../../tests/support/assert.ts";
import { ariaSort, nextSort, sortFromQuery, sortRows, sortToQuery } from "./sort.ts";

const rows = [
  { name: "web", cpu: 12 },
  { name: "Db", cpu: null },
  { name: "app", cpu: 12 },
  { name: "cache", cpu: 3 },
];

Deno.test("table sort - names ignore case, both ways", () => {
  assertEquals(sortRows(rows, (r) => r.name, "asc").map((r) => r.name), [
    "app",
    "cache",
    "Db",
    "web",
  ]);
  assertEquals(sortRows(rows, (r) => r.name, "desc").map((r) => r.name), [
    "web",
    "Db",
    "cache",
    "app",
  ]);
});

Deno.test("table sort - stable for equal values, unknown values last either way", () => {
  assertEquals(sortRows(rows, (r) => r.cpu, "asc").map((r) => r.name), [
    "cache",
    "web",
    "app",
    "Db",
  ]);
  assertEquals(sortRows(rows, (r) => r.cpu, "desc").map((r) => r.name), [
    "web",
    "app",
    "cache",
    "Db",
  ]);
});

Deno.test("table sort - a header click sorts ascending, a second one descending", () => {
  assertEquals(nextSort(null, "cpu"), { column: "cpu", dir: "asc" });
  assertEquals(nextSort({ column: "cpu", dir: "asc" }, "cpu"), { column: "cpu", dir: "desc" });
  assertEquals(nextSort({ column: "cpu", dir: "desc" }, "cpu"), { column: "cpu", dir: "asc" });
  assertEquals(nextSort({ column: "cpu", dir: "desc" }, "name"), { column: "name", dir: "asc" });
  assertEquals(ariaSort({ column: "cpu", dir: "desc" }, "cpu"), "descending");
  assertEquals(ariaSort({ column: "cpu", dir: "desc" }, "name"), "none");
});

Deno.test("table sort - read from and written to the query, known columns only", () => {
  const columns = ["name", "cpu"];
  assertEquals(sortFromQuery(new URLSearchParams("sort=cpu&dir=desc"), columns), {
    column: "cpu",
    dir: "desc",
  });
  assertEquals(sortFromQuery(new URLSearchParams("sort=cpu"), columns), {
    column: "cpu",
    dir: "asc",
  });
  assertEquals(sortFromQuery(new URLSearchParams("sort=secret"), columns), null);
  const params = new URLSearchParams("q=web");
  sortToQuery(params, { column: "cpu", dir: "desc" }, "name");
  assertEquals(params.toString(), "q=web&sort=cpu&dir=desc");
  sortToQuery(params, { column: "name", dir: "asc" }, "name");
  assertEquals(params.toString(), "q=web");
});

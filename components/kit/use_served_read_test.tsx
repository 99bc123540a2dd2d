import { renderToString } from "preact-render-to-string";
import { assertEquals } from "../../tests/support/assert.ts";
import { useServedRead } from "./use_served_read.ts";

function Shown({ served, error }: { served: string[] | null; error: string | null }) {
  const { data, loadError } = useServedRead(served, error, "/api/things");
  return <p>{data.value?.join(", ") ?? "…"}|{loadError.value ?? ""}</p>;
}

Deno.test("served read - the server's data and its words show before any read", () => {
  assertEquals(renderToString(<Shown served={["web", "db"]} error={null} />), "<p>web, db|</p>");
  assertEquals(
    renderToString(<Shown served={null} error="libvirt is not connected" />),
    "<p>…|libvirt is not connected</p>",
  );
});

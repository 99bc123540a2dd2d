import { renderToString } from "preact-render-to-string";
import { assertEquals } from "../../tests/support/assert.ts";
import { SubmitButton } from "./SubmitButton.tsx";

Deno.test("submit button - primary; busy spins and disables it, as its own reason does", () => {
  assertEquals(
    renderToString(<SubmitButton busy={false}>Upload</SubmitButton>),
    '<button type="submit" class="button button-primary">Upload</button>',
  );
  assertEquals(
    renderToString(<SubmitButton busy>Upload</SubmitButton>),
    '<button disabled type="submit" class="button button-primary" aria-busy="true">Upload</button>',
  );
  assertEquals(
    renderToString(<SubmitButton busy={false} disabled>Upload</SubmitButton>),
    '<button disabled type="submit" class="button button-primary">Upload</button>',
  );
});

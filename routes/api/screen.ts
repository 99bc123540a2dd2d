// A VM's screen and keyboard without a console: POST /api/vms/:id/send-key presses keys the
// browser would keep for itself (Ctrl+Alt+Del, Ctrl+Alt+F2, Alt+SysRq+…), and
// GET /api/vms/:id/screenshot is a small PNG of the screen for the VM's summary and lists.
// Both are the console's rights: whoever may open the VM's console.

import { z } from "zod";
import type { VmScreens } from "../../lib/consoles/screens.ts";
import { AppError } from "../../lib/errors.ts";
import { SendKeyBody } from "../../lib/consoles/send_key_input.ts";
import { THUMBNAIL_DEFAULT_WIDTH, THUMBNAIL_MAX_WIDTH } from "../../lib/consoles/screens.ts";
import { DeclaredApp } from "../declare.ts";
import { t } from "../../shared/i18n/t.ts";
import { VM_ID } from "./vms.ts";

/** The width asked for, checked: a whole number of pixels from 32 to THUMBNAIL_MAX_WIDTH. */
function widthOf(text: string | undefined): number {
  if (text === undefined || text === "") return THUMBNAIL_DEFAULT_WIDTH;
  const width = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(width >= 32 && width <= THUMBNAIL_MAX_WIDTH)) {
    throw new AppError(
      "BAD_REQUEST",
      t("width must be a whole number of pixels from 32 to {{max}}", {
        max: THUMBNAIL_MAX_WIDTH,
      }),
    );
  }
  return width;
}

export function screenRoutes(screens: VmScreens): DeclaredApp {
  const app = new DeclaredApp({ access: "vm", writesStore: false, params: VM_ID });

  app.POST("/:id/send-key", "Press keys together on a running VM's keyboard", {
    audit: "vm.send-key",
    body: { schema: SendKeyBody },
    responses: { 204: "The keys were pressed and released" },
  }, async (c) => {
    await screens.sendKeys(c.req.param("id"), c.get("body").keys);
    return c.body(null, 204);
  });

  app.GET("/:id/screenshot", "A running VM's screen as a small PNG (fresh within 10 s)", {
    query: {
      width: z.string().optional().meta({
        description:
          `Largest width in pixels, 32 to ${THUMBNAIL_MAX_WIDTH} (default ${THUMBNAIL_DEFAULT_WIDTH})`,
      }),
    },
    responses: { 200: { description: "The PNG (image/png)", media: "image/png" } },
  }, async (c) => {
    const width = widthOf(c.req.query("width"));
    const { png, takenAt } = await screens.thumbnail(c.req.param("id"), width);
    return new Response(png as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": "image/png",
        "content-length": String(png.length),
        // The browser may show it again for the seconds it stays fresh here, never share it.
        "cache-control": "private, max-age=10",
        "last-modified": new Date(takenAt).toUTCString(),
      },
    });
  });
  return app;
}

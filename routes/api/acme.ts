// /api/acme (admins only): the server's certificate from an ACME CA. The settings (CA, names,
// challenge), an order now, and what is served and when it renews.

import type { AcmeService } from "../../lib/acme/service.ts";
import { ACME_CODES, AcmeBody } from "../../lib/acme/input.ts";
import { DeclaredApp, reply } from "../declare.ts";

export function acmeRoutes(acme: AcmeService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: true });
  app.GET("/", "The server's certificate, its ACME settings and the DNS hooks to choose from", {
    answer: "AcmeInfo",
  }, reply(() => acme.info()));
  app.PUT("/", "Set up ACME: the CA, the names and the challenge (nothing is ordered yet)", {
    audit: "acme.put",
    body: { schema: AcmeBody, ...ACME_CODES },
    answer: "AcmeInfo",
  }, reply((_, body) => acme.put(body)));
  app.DELETE("/", "Turn ACME off: nothing more is ordered or renewed; the certificate stays", {
    audit: "acme.delete",
    answer: "AcmeInfo",
  }, reply(() => acme.remove()));
  app.POST("/order", "Order a certificate now and serve it; answers when the CA has issued it", {
    audit: "acme.order",
    answer: "AcmeInfo",
  }, reply(() => acme.order()));
  return app;
}

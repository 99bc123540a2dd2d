// The body of PUT /api/vms/:id/startup, checked at the boundary: each refusal names its field.

import { z } from "zod";
import { closedObject, type IssueCodes, trueOrFalse } from "../validate.ts";
import {
  DEFAULT_DOWN_TIMEOUT,
  STARTUP_DELAY_MAX,
  STARTUP_ORDER_MAX,
} from "../../shared/startup.ts";
import { t } from "../../shared/i18n/t.ts";

/** A whole number from 0 to `max`, refused in `field`'s name. */
const wholeUpTo = (field: string, max: number) => {
  const error = () =>
    t("{{field}} must be a whole number from {{min}} to {{max}}", { field, min: 0, max });
  return z.number({ error }).int({ error }).min(0, { error }).max(max, { error });
};

export const StartupBody = closedObject({
  order: wholeUpTo("order", STARTUP_ORDER_MAX).meta({
    description: `Place in the start sequence, 0 to ${STARTUP_ORDER_MAX}; lower starts first`,
  }),
  upDelay: wholeUpTo("upDelay", STARTUP_DELAY_MAX).optional().meta({
    description: `Seconds before the next VM starts, 0 to ${STARTUP_DELAY_MAX} (default 0)`,
  }),
  waitForAgent: trueOrFalse("waitForAgent").optional().meta({
    description: "Stop waiting once its QEMU guest agent answers (default false)",
  }),
  downTimeout: wholeUpTo("downTimeout", STARTUP_DELAY_MAX).optional().meta({
    description:
      `Seconds a stop in order waits for its shutdown before forcing it off, 0 to ${STARTUP_DELAY_MAX} (default ${DEFAULT_DOWN_TIMEOUT})`,
  }),
}, {
  code: "INVALID_OPTIONS",
  notAnObject: () => t('Body must be a JSON object like {"order": 10, "upDelay": 30}'),
  unknown: (key) =>
    t('Unknown field "{{key}}": expected order, upDelay, waitForAgent, downTimeout', { key }),
});

export const STARTUP_CODES: IssueCodes = { code: "INVALID_OPTIONS", nameField: true };

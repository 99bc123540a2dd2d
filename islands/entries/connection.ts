// On every page (bundled to static/build/connection.js): the live libvirt connection banner.

import { watchLibvirtBanner } from "../ConnectionBanner.tsx";

watchLibvirtBanner();

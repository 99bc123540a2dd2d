// Test helper: a backup that fails for real on libvirt's test driver. The test driver copies a
// volume within its own pool only, so a backup of a VM whose disk is in "default" into a second
// pool ("other") is refused by libvirt ("Storage volume not found").

/** The second pool, for a test node's extra XML (writeTestNode's `extra`). */
export const OTHER_POOL = `<pool type='dir'><name>other</name>
  <uuid>6f1c2a8e-0b7e-4a57-9a51-2f3d8c1e9b11</uuid>
  <target><path>/var/lib/kvmm-testdriver/other</path></target>
</pool>`;

/** What the failed backup's error says. */
export const COPY_FAILED = /Failed to copy disk vda: Storage volume not found/;

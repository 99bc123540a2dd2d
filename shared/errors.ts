// The error body every API refusal carries, and the one catalogue of error codes: each code
// always answers with the same HTTP status (lib/errors.ts AppError reads it here). Browser-safe,
// so the islands name codes from the same list.

/** Every error response body: the code, the user's words, and for some codes more fields. */
export interface ApiError {
  code: string;
  message: string;
}

/** Every error code the API answers with, and its HTTP status. */
export const ERROR_STATUS = {
  // 400: The request is malformed or a value is out of range
  BAD_REQUEST: 400,
  CONFIRMATION_REQUIRED: 400,
  DISK_SOURCE_REFUSED: 400,
  DOWNLOAD_INTERRUPTED: 400,
  HTTP_ERROR: 400,
  INVALID_ALERT_RULE: 400,
  INVALID_BATCH: 400,
  INVALID_CONFIG: 400,
  INVALID_CRON: 400,
  INVALID_DESCRIPTION: 400,
  INVALID_FILTER: 400,
  INVALID_FORMAT: 400,
  INVALID_HOST: 400,
  INVALID_INPUT: 400,
  INVALID_NAME: 400,
  INVALID_NETWORK: 400,
  INVALID_OPERATION: 400,
  INVALID_OPTIONS: 400,
  INVALID_POLICY: 400,
  INVALID_POOL: 400,
  INVALID_RANGE: 400,
  INVALID_SETTING: 400,
  INVALID_SIZE: 400,
  INVALID_TEMPLATE: 400,
  INVALID_TIMEZONE: 400,
  INVALID_TIMING: 400,
  INVALID_VMS: 400,
  INVALID_XML: 400,
  InvalidFormat: 400,
  InvalidName: 400,
  SAME_HOST: 400,
  UPLOAD_INTERRUPTED: 400,
  URL_REFUSED: 400,
  VALIDATION_FAILED: 400,
  // 401: Not signed in
  BAD_CREDENTIALS: 401,
  ACCOUNT_UNAVAILABLE: 401,
  UNAUTHENTICATED: 401,
  // 403: Signed in, but not allowed
  COMMAND_NOT_ALLOWED: 403,
  SERVICE_NOT_ALLOWED: 403,
  AGENT_UPDATE_NOT_ALLOWED: 403,
  CROSS_ORIGIN: 403,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  FORBIDDEN_HOST: 403,
  INVALID_TICKET: 403,
  PATH_NOT_ALLOWED: 403,
  PERMISSION_DENIED: 403,
  // 404: What the request names does not exist
  ALERT_RULE_NOT_FOUND: 404,
  ASSIGNMENT_NOT_FOUND: 404,
  BACKUP_NOT_FOUND: 404,
  IMAGE_NOT_FOUND: 404,
  DISK_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  HOST_DEVICE_NOT_FOUND: 404,
  HOST_NOT_FOUND: 404,
  NETWORK_NOT_FOUND: 404,
  NIC_NOT_FOUND: 404,
  NOT_FOUND: 404,
  NO_MIGRATION: 404,
  OverrideNotFound: 404,
  POOL_NOT_FOUND: 404,
  ProfileNotFound: 404,
  SCHEDULE_NOT_FOUND: 404,
  SNAPSHOT_NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  VM_NOT_FOUND: 404,
  VOLUME_NOT_FOUND: 404,
  VmNotFound: 404,
  // 409: The resource's state or another holder refuses it
  AGENT_CURRENT: 409,
  AGENT_OUTDATED: 409,
  AGENT_UNAVAILABLE: 409,
  ALREADY_EXISTS: 409,
  BACKUP_CANCELLED: 409,
  BACKUP_RUNNING: 409,
  BACKUP_UNSUPPORTED: 409,
  CONSOLE_BUSY: 409,
  HOST_DEVICE_ASSIGNED: 409,
  HOST_DEVICE_IN_USE: 409,
  HOST_EXISTS: 409,
  HOST_IN_MAINTENANCE: 409,
  HOST_NOT_CONNECTED: 409,
  IMAGE_SHIPPED: 409,
  INCREMENTAL_UNAVAILABLE: 409,
  INVALID_STATE: 409,
  LOCAL_HOST: 409,
  MANAGED_BY_PROFILE: 409,
  MDEV_EXHAUSTED: 409,
  MIGRATION_FINISHED: 409,
  MIGRATION_RUNNING: 409,
  MAINTENANCE_NO_ROOM: 409,
  MAINTENANCE_RUNNING: 409,
  NOT_IN_MAINTENANCE: 409,
  NAME_EXISTS: 409,
  NETWORK_FILTER_FOREIGN: 409,
  NOT_ON_REMOTE_HOST: 409,
  OPERATION_CANCELLED: 409,
  NO_BACKUP_LOCATION: 409,
  NO_HOTPLUG_SLOT: 409,
  NO_SERIAL: 409,
  NO_SPICE: 409,
  NO_VNC: 409,
  NameCollision: 409,
  NoProfileAssigned: 409,
  OverrideExists: 409,
  ProfileNameExists: 409,
  SCHEDULE_EXISTS: 409,
  SCHEDULE_RUNNING: 409,
  SERIAL_NOT_PTY: 409,
  SNAPSHOT_EXISTS: 409,
  SNAPSHOT_UNSUPPORTED: 409,
  TASK_NOT_CANCELLABLE: 409,
  TEMPLATE_NAME_EXISTS: 409,
  TOKEN_EXISTS: 409,
  VM_BUSY: 409,
  VM_NOT_RUNNING: 409,
  VOLUME_IN_USE: 409,
  VmAlreadyAssigned: 409,
  // 411: A body without its length
  LENGTH_REQUIRED: 411,
  // 413: Too large
  FILE_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  // 415: Wrong content type
  UNSUPPORTED_MEDIA_TYPE: 415,
  // 422: Understood, but the guest, file or version refuses it
  COMMAND_NOT_FOUND: 422,
  GUEST_IO_ERROR: 422,
  OUTPUT_LIMIT: 422,
  SERVICE_FAILED: 422,
  CHECKSUM_MISMATCH: 422,
  VersionUnsupported: 422,
  // 426: Upgrade to a WebSocket required
  UPGRADE_REQUIRED: 426,
  // 429: Too many at once: try again after Retry-After
  AGENT_BUSY: 429,
  SCREENSHOT_BUSY: 429,
  TOO_MANY_ATTEMPTS: 429,
  // 500: The server or libvirt failed
  BACKUP_FAILED: 500,
  BACKUP_INTERRUPTED: 500,
  FIREWALL_ERROR: 500,
  INTERNAL_ERROR: 500,
  TASK_INTERRUPTED: 500,
  IoError: 500,
  LIBVIRT_ERROR: 500,
  PAM_ERROR: 500,
  // 501: Not supported by this host, driver or agent
  AGENT_UNSUPPORTED: 501,
  NO_PACKAGE_MANAGER: 501,
  NO_SERVICE_MANAGER: 501,
  NOT_SUPPORTED: 501,
  // 502: The guest agent, or the server a download names, answered with an error
  AGENT_ERROR: 502,
  AGENT_UPDATE_FAILED: 502,
  SOURCE_FAILED: 502,
  SPICE_UNREACHABLE: 502,
  VNC_UNREACHABLE: 502,
  // 503: libvirtd or the app store is away for now
  FIREWALL_UNAVAILABLE: 503,
  LIBVIRT_NOT_ANSWERING: 503,
  LIBVIRT_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
  STORE_BUSY: 503,
  STORE_UNAVAILABLE: 503,
  // 504: A call passed its deadline
  AGENT_TIMEOUT: 504,
  COMMAND_TIMEOUT: 504,
  DOWNLOAD_TIMEOUT: 504,
  LIBVIRT_TIMEOUT: 504,
  // 507: No space left where it was to be written
  NO_SPACE: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one code the seed contract answers with two statuses: IoError is 500 when the server's own
 * store fails and 400 when the client's upload breaks off. No other code may.
 */
export const ALSO_ANSWERS: Partial<Record<ErrorCode, readonly number[]>> = { IoError: [400] };

/** The HTTP status of a code. */
export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

// The error body every API refusal carries.

/** Every error response body. */
export interface ApiError {
  code: string;
  message: string;
}

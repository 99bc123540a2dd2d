// Error toasts: a signal any island can push to, rendered by the island that owns <ToastList/>.

import { signal } from "@preact/signals";

interface Toast {
  id: number;
  message: string;
}

const TOAST_MS = 8000;
const toasts = signal<Toast[]>([]);
let nextId = 1;

export function showError(message: string): void {
  const id = nextId++;
  toasts.value = [...toasts.value, { id, message }];
  setTimeout(() => dismiss(id), TOAST_MS);
}

function dismiss(id: number) {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

export function ToastList() {
  return (
    <div class="toasts">
      {toasts.value.map((t) => (
        <div key={t.id} class="toast" role="alert">
          <span>{t.message}</span>
          <button
            type="button"
            class="toast-close"
            aria-label="Dismiss"
            onClick={() => dismiss(t.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

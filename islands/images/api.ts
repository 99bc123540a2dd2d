// Browser calls of the image library API; failures become ApiRequestError with the API's words.

import type {
  CatalogEntry,
  DownloadStarted,
  ImageLibrary,
  ImageSettings,
} from "../../shared/images.ts";
import {
  imageCatalogEntryPath,
  imageCatalogPath,
  imageDownloadsPath,
  imageSettingsPath,
  imagesPath,
} from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export const listImages = () => request<ImageLibrary>("GET", imagesPath());
export const addImage = (entry: Omit<CatalogEntry, "custom">) =>
  request<CatalogEntry>("POST", imageCatalogPath(), entry);
export const removeImage = (id: string) => request<void>("DELETE", imageCatalogEntryPath(id));
export const downloadImage = (image: string, pool: string) =>
  request<DownloadStarted>("POST", imageDownloadsPath(), { image, pool });
export const getImageSettings = () => request<ImageSettings>("GET", imageSettingsPath());
export const saveImageSettings = (settings: ImageSettings) =>
  request<ImageSettings>("PUT", imageSettingsPath(), settings);

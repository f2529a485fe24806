// Photos are scaled down in the browser before upload, as Telegram clients compress them: the
// server keeps them with the demo, and a 12-megapixel original would only slow everything down.

const maxSide = 1280;

function readAsDataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new window.FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsDataURL(blob);
  });
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const image = new window.Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("this file is not an image the browser can open"));
    image.src = url;
  });
}

/** `{ contentType, base64 }` of a JPEG at most 1280 px on its longer side. */
export async function scaledPhoto(file) {
  if (!file.type.startsWith("image/")) throw new Error("please choose an image");
  const image = await loadImage(await readAsDataUrl(file));
  const scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const dataUrl = canvas.toDataURL("image/jpeg", 0.85);
  return { contentType: "image/jpeg", base64: dataUrl.slice(dataUrl.indexOf(",") + 1) };
}

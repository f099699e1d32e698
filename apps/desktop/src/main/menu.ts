import type { MenuItemConstructorOptions } from "electron";

/** A plain application menu: edit shortcuts (copy a key, paste a URL), reload, quit. No devtools in it. */
export function appMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  return [
    ...(platform === "darwin" ? [{ role: "appMenu" as const }] : []),
    { label: "File", submenu: [{ role: platform === "darwin" ? ("close" as const) : ("quit" as const) }] },
    { role: "editMenu" },
    {
      label: "View",
      submenu: [
        { role: "reload" },
        { type: "separator" },
        { role: "resetZoom" },
        { role: "zoomIn" },
        { role: "zoomOut" },
      ],
    },
    { role: "windowMenu" },
  ];
}

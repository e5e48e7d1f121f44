// UI strings and help-center snippets sent to the translator, with the translations it returns.
// Deliberately full of non-ASCII text (accents, umlauts, Japanese) and punctuation.

export const TRANSLATE_SYSTEM = "Translate the user's text into {language}. Keep placeholders like {{name}} and Markdown unchanged. Return only the translation.";

export const LANGUAGES = {
  fr: "French",
  de: "German",
  es: "Spanish",
  ja: "Japanese",
} as const;

export type Lang = keyof typeof LANGUAGES;

export const TRANSLATIONS: { source: string; out: Record<Lang, string> }[] = [
  {
    source: "Your thermostat is offline. Check that it's plugged in and connected to Wi-Fi.",
    out: {
      fr: "Votre thermostat est hors ligne. Vérifiez qu'il est branché et connecté au Wi-Fi.",
      de: "Ihr Thermostat ist offline. Prüfen Sie, ob es eingesteckt und mit dem WLAN verbunden ist.",
      es: "Tu termostato está desconectado. Comprueba que esté enchufado y conectado al Wi-Fi.",
      ja: "サーモスタットがオフラインです。電源が入っていて、Wi-Fiに接続されていることを確認してください。",
    },
  },
  {
    source: "Hi {{name}}, your order has shipped! Track it here: {{tracking_url}}",
    out: {
      fr: "Bonjour {{name}}, votre commande a été expédiée ! Suivez-la ici : {{tracking_url}}",
      de: "Hallo {{name}}, Ihre Bestellung wurde versandt! Verfolgen Sie sie hier: {{tracking_url}}",
      es: "Hola, {{name}}: ¡tu pedido ya está en camino! Síguelo aquí: {{tracking_url}}",
      ja: "{{name}}様、ご注文の商品を発送しました！配送状況はこちら：{{tracking_url}}",
    },
  },
  {
    source: "**Energy report:** you used 12% less energy than last month. Nice work!",
    out: {
      fr: "**Rapport énergétique :** vous avez consommé 12 % d'énergie en moins que le mois dernier. Bravo !",
      de: "**Energiebericht:** Sie haben 12 % weniger Energie verbraucht als im Vormonat. Gut gemacht!",
      es: "**Informe de energía:** has consumido un 12 % menos de energía que el mes pasado. ¡Buen trabajo!",
      ja: "**エネルギーレポート：** 先月より12%少ないエネルギー使用量でした。素晴らしいです！",
    },
  },
  {
    source: "Are you sure you want to delete \"Living room\"? This removes 3 devices and 5 automations.",
    out: {
      fr: "Voulez-vous vraiment supprimer « Salon » ? Cela supprime 3 appareils et 5 automatisations.",
      de: "Möchten Sie „Wohnzimmer“ wirklich löschen? Dadurch werden 3 Geräte und 5 Automationen entfernt.",
      es: "¿Seguro que quieres eliminar «Salón»? Se eliminarán 3 dispositivos y 5 automatizaciones.",
      ja: "「リビングルーム」を削除してもよろしいですか？デバイス3台とオートメーション5件が削除されます。",
    },
  },
  {
    source: "Your free trial ends in 3 days. Upgrade to Pro to keep 30-day history.",
    out: {
      fr: "Votre essai gratuit se termine dans 3 jours. Passez à Pro pour conserver 30 jours d'historique.",
      de: "Ihre kostenlose Testphase endet in 3 Tagen. Wechseln Sie zu Pro, um den 30-Tage-Verlauf zu behalten.",
      es: "Tu prueba gratuita termina en 3 días. Pásate a Pro para conservar el historial de 30 días.",
      ja: "無料トライアルはあと3日で終了します。30日間の履歴を保持するには、Proにアップグレードしてください。",
    },
  },
  {
    source: "Motion detected at the front door, 07:42.",
    out: {
      fr: "Mouvement détecté à la porte d'entrée, 07h42.",
      de: "Bewegung an der Haustür erkannt, 07:42 Uhr.",
      es: "Movimiento detectado en la puerta principal, 07:42.",
      ja: "玄関で動きを検知しました（07:42）。",
    },
  },
];

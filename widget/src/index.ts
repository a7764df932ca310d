/** The one script a storefront loads: defines `<stockroom-stock>` (docs/storefront-widget.md). */
import { StockroomStock } from './stock-element.js';

if (!customElements.get('stockroom-stock')) customElements.define('stockroom-stock', StockroomStock);

/**
 * Texts of the stories linked to a case, for the story readers of /geld/warm-koud and
 * /geld/eigen-trajecten (lib/site/story-answers.ts). Those pages fetch this file only when their
 * reader is opened: at region scale the texts alone are many megabytes.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {packLinkedTexts} from "../../../lib/site/story-answers.js";

await emitJson(packLinkedTexts);
